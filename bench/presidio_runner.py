"""Presidio on the same corpus, run in the separate bench venv (.venv-bench: presidio-analyzer + spacy).

Usage (called by bench_privacy.py): .venv-bench/bin/python bench/presidio_runner.py CORPUS.jsonl OUT.json
Configured with pattern recognizers for the same entity types and a blank Chinese spaCy pipeline (nothing is
downloaded: the blank pipeline is created and saved to a temp dir, then loaded by path).
"""

import json
import sys
import tempfile
import time

import spacy
from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

PATTERNS = {
    "id_card": r"(?<![0-9A-Za-z])[1-8]\d{16}[0-9Xx](?![0-9A-Za-z])",
    "mobile": r"(?<!\d)1[3-9]\d{9}(?!\d)",
    "bank_card": r"(?<!\d)62\d{14,17}(?!\d)",
    "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    "passport": r"(?<=护照号码)[EG]\d{8}",
    "plate": r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{5}",
    "name": r"(?<=申请人：|联系人：|当事人|户主)[\u4e00-\u9fa5]{2,3}",
    "address": r"(?<=家庭住址：)[\u4e00-\u9fa50-9]{4,40}?(?:室|组)",
}


def main(corpus_path, out_path):
    model_dir = tempfile.mkdtemp()
    spacy.blank("zh").to_disk(model_dir)
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "zh", "model_name": model_dir}]})
    registry = RecognizerRegistry(supported_languages=["zh"])
    for entity, regex in PATTERNS.items():
        registry.add_recognizer(PatternRecognizer(supported_entity=entity, supported_language="zh",
                                                  patterns=[Pattern(entity, regex, 0.9)]))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=provider.create_engine(), supported_languages=["zh"])
    docs = [json.loads(line)["text"] for line in open(corpus_path, encoding="utf-8")]
    analyzer.analyze(text=docs[0], language="zh")   # warm-up, not timed (first call sets things up)
    began = time.perf_counter()
    spans = []
    for text in docs:
        results = analyzer.analyze(text=text, language="zh")
        spans.append([(r.entity_type, r.start, r.end) for r in results])
    elapsed = time.perf_counter() - began
    json.dump({"seconds": elapsed, "spans": spans}, open(out_path, "w"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
