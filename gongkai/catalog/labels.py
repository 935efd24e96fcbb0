"""The catalogue's words for its codes, registered in the one label map (gongkai.core.labels) at start-up."""

from gongkai.core import labels

from . import vocab, workflow

EVENTS = {
    "item.created": "新建草稿",
    "item.updated": "修改信息",
    "item.attachment_added": "添加附件",
    "item.submitted": "提交审核",
    "item.returned": "审核退回",
    "item.reviewed": "保密审查通过",
    "item.published": "发布",
    "item.withdrawn": "撤回",
    "item.interpretation_linked": "关联政策解读",
    "item.re_reviewed": "不予公开定期复审",
    "item.imported": "导入目录",
    "item.demo_loaded": "载入演示数据",
    "gazette.created": "编印政府公报",
    "catalog.index_pattern": "修改索引号模式",
    # services/relations.py records f"item.{validity}" when 有效性 changes
    **{f"item.{code}": f"标记为{text}" for code, text in vocab.VALIDITY},
}


def register() -> None:
    labels.register("event", EVENTS)
    labels.register("state.item", workflow.STATE_LABELS)
    labels.register("action.item", workflow.ACTION_LABELS)
    labels.register("validity.item", vocab.VALIDITY)
    labels.register("doc_kind.item", vocab.DOC_KINDS)
