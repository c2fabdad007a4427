"""Signals of the people app, for apps that build on a person's identifying facts."""

from django.dispatch import Signal

# Sent with `person_pk` whenever a person's names, birth date, documents or phones were
# written (the search keys were refreshed). The linkage links the person again.
person_facts_changed = Signal()
