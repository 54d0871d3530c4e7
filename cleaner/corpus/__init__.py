"""Stage corpus: what only many documents together show.

In: many documents (or their blocks). Out: learned boilerplate profiles of a site and the profile
rule that applies one (profile, profile_rule), and same-story candidates (same_story). May import
cleaner.text, cleaner.io, cleaner.document and cleaner.config.
"""
