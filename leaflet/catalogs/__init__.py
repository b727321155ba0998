"""Translations as gettext catalogs, one small module per concern (after Babel's
`babel.messages`): languages, extract, pofile (strict reading), merge, checks,
translate (model x catalog -> model) and status.
"""
