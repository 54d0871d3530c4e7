"""cleaner: strip boilerplate from news and web article dumps, keep the body, explain every removal.

    >>> import cleaner
    >>> result = cleaner.clean("Top Stories\\n\\nA headline\\n\\n5h ago\\n\\nThe body of the article, which stays.")
    >>> result.text
    'The body of the article, which stays.'
"""
from . import config as _config
from .catalogue import catalogue as _rule_catalogue
from .config import Config, ConfigError
from .document import NO_ARTICLE, Block, Decision, Label, Metadata, Removed, Result, Verdict
from .io.encoding import DecodeError
from .pipeline import clean
from .run.stream import Document, clean_many
from .workers import DocumentTimeout, WorkerDied

__all__ = [
    "clean", "clean_many", "Config", "Result", "Metadata", "Removed", "Label", "Block", "Decision", "Verdict",
    "Document", "NO_ARTICLE", "ConfigError", "DecodeError", "DocumentTimeout", "WorkerDied",
]
__version__ = "0.1.0"

_config.use_catalogue(_rule_catalogue)
