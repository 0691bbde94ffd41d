"""What people look at: datasette, exports of the views, one event shown whole, tables that fit the terminal."""
