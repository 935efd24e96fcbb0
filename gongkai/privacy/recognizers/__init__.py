"""Chinese personal-information recognizers: one small pure module each (no Django).

Each module exposes `find(text) -> Iterator[Finding]` over width-folded text (full-width digits already
half-width, same offsets as the original). `ALL` lists them in the order the scanner runs them.
"""

from . import address, bank_card, birth_date, email, id_card, mobile, name, passport, permit, plate, uscc

ALL = [id_card, mobile, bank_card, email, passport, permit, plate, birth_date, name, address, uscc]
