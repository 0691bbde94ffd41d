"""What people look at: the HTML report, datasette, exports of the views, one event shown whole, tables that fit the terminal."""
