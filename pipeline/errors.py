"""The exceptions the pipeline raises; the CLI maps each to an exit status."""


class PipelineError(Exception):
    """A usage or configuration problem: the CLI prints it on one line and exits 2."""


class RuleFileError(PipelineError):
    """One or more rule files are broken; ``problems`` holds every ``file:line: message``."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class IngestError(Exception):
    """One input file cannot be read; the batch records it and goes on."""


class StoreError(PipelineError):
    """The database cannot be opened, created or written."""


class GoldFileError(PipelineError):
    """A gold file for ``evaluate`` is missing or malformed."""
