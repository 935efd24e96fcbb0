"""State changes of the catalogue. One function per action, in one transaction, each writing an audit event.

The package's names are the catalogue's service API (`from gongkai.catalog import services; services.publish(...)`);
each lives in the module named for what it holds:

- setup: seed vocabularies and agency catalogues, the 索引号 pattern and counter
- drafting: create and edit items, their field rules, pre-publication warnings
- attachments: 附件
- transitions: submit → review (保密审查, privacy gate) → publish → withdraw, by the table in catalog/workflow.py
- relations: 有效性 (amended / repealed) and 政策解读 links
- re_review: 不予公开 and its periodic re-review (art. 18)
- gazette: 政府公报 issues
- generation: the change counter the public pages' cache keys on, and search sync
"""

from .attachments import MAX_ATTACHMENT_BYTES, add_attachment, extract_text
from .drafting import EDITABLE_FIELDS, LABELS, create_item, publication_warnings, update_item
from .gazette import create_gazette_issue
from .generation import bump_generation, current_generation, sync_search_on_commit
from .re_review import RE_REVIEW_OUTCOMES, record_re_review, schedule_review
from .relations import link_interpretation, mark_amended, mark_repealed
from .setup import issue_index_number, seed_agency_catalog, seed_vocabularies, set_index_pattern
from .transitions import ReleaseBlocked, publish, review, submit, withdraw

__all__ = [
    "MAX_ATTACHMENT_BYTES", "add_attachment", "extract_text",
    "EDITABLE_FIELDS", "LABELS", "create_item", "publication_warnings", "update_item",
    "create_gazette_issue",
    "bump_generation", "current_generation", "sync_search_on_commit",
    "RE_REVIEW_OUTCOMES", "record_re_review", "schedule_review",
    "link_interpretation", "mark_amended", "mark_repealed",
    "issue_index_number", "seed_agency_catalog", "seed_vocabularies", "set_index_pattern",
    "ReleaseBlocked", "publish", "review", "submit", "withdraw",
]
