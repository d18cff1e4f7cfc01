"""The secret scanner: hardcoded credentials in code, configuration and committed files.

`secret_scan(project)` reads every Python module (through the shared index) and every other
text file of the scan root once, and returns each secret with where it is, what it looks like
and a masked form fit for messages. The rules SEC001-SEC003 report its results by site.
"""

from faasguard.analysis.secrets.model import FoundSecret, Literal, SecretSite, judge
from faasguard.analysis.secrets.scan import secret_scan

__all__ = ["FoundSecret", "Literal", "SecretSite", "judge", "secret_scan"]
