"""`generate.py new NAME`: a commented starter leaflet that builds as it is."""
from __future__ import annotations

import datetime

from .blocks.base import ID
from .errors import LeafletError

TEMPLATE = '''# yaml-language-server: $schema=../schema/leaflet.schema.json
# A new leaflet. Replace the example text with yours; every key is explained in
# docs/writing-leaflets.md. Build it with:
#   python generate.py build content/{name}.yaml
# Text may use **bold**, *emphasis* and [link words](https://...). Phone
# numbers, e-mail and web addresses go in a contact (under back: contacts:),
# and the text refers to them: {{main.telephone}}.
# A line of text that contains ": " must be in quotes, or written after >- on
# the lines below its key, as the paragraphs here are.
id: {name}
language: en-GB
layout: a5-fold
organisation: Your council's children's services
updated: {today}

front:
  title: Your leaflet's title
  subtitle: Who it is for, in a few words

# Each section is a question set as a heading, and its answer: a list of blocks.
sections:
  - id: what-is-it
    question: What is this about?
    answer:
      - id: intro
        text: >-
          Write a short paragraph here. Keep sentences short and use the words
          families use.
      - id: points
        list:                      # bullets; use numbered: for steps
          - the first thing a family should know
          - the second thing
      - id: emergency
        callout: safety            # important, safety or tip
        title: If a child is in danger now
        text: Call 999.

  - id: contact-us
    question: How do I contact you?
    answer:
      - id: call
        text: Call us on {{main.telephone}}, Monday to Friday.

back:
  intro: >-
    If you have any questions, please contact:
  contacts:
    - id: main                     # the text above refers to it as {{main.telephone}}
      name: Your team's name
      telephone: 01632 960 000
      hours:
        - {{days: monday-friday, opens: "09:00", closes: "17:00"}}
'''


def starter(name: str, today: datetime.date | None = None) -> str:
    if not ID.match(name):
        raise LeafletError(f"'{name}' is not a valid leaflet id (lower-case letters, digits and '-', "
                           "e.g. early-help)")
    return TEMPLATE.format(name=name, today=(today or datetime.date.today()).isoformat())
