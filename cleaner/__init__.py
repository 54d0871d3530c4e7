"""cleaner: strip boilerplate from news and web article dumps, keep the body, explain every removal.

    >>> import cleaner
    >>> result = cleaner.clean("Top Stories\\n\\nA headline\\n\\n5h ago\\n\\nThe body of the article, which stays.")
    >>> result.text
    'The body of the article, which stays.'
"""
from .config import Config
from .document import Label, Metadata, Removed, Result
from .pipeline import clean

__all__ = ["clean", "Config", "Result", "Metadata", "Removed", "Label"]
__version__ = "0.1.0"
