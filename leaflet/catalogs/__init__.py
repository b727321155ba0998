"""Translations as gettext catalogs, one small module per concern (after Babel's
`babel.messages`): languages (CLDR through Babel), extract, pofile (strict
reading), powrite (writing as msgcat does), merge, checks and hostile (the gate),
review, translate (model x catalog -> model), xliff (for agencies) and workflow.
"""
