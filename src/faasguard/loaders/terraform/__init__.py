"""Terraform (``.tf`` and ``.tf.json``) into the application model.

``load_terraform(directory, files, ctx)`` reads one root module and the local modules it calls;
see :mod:`faasguard.loaders.terraform.loader`. Expressions are evaluated as far as the project
itself says (variables with defaults or tfvars, locals, module inputs and outputs, a set of
functions); references to resources become ``Ref`` and everything else ``Unresolved``.
"""

from faasguard.loaders.terraform.loader import load_terraform

__all__ = ["load_terraform"]
