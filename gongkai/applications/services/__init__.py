"""State changes of applications, one module per kind of work; each function is one transaction and one audit event.

- intake: the applicant's online form, staff registration, the query password and status query, online 补正
- clock: one clock action on a case (confirm receipt, 补正, consultation, extension, fee, deferral), the clock
  result of a case, recomputing provisional due dates
- reply: the reply and its privacy gate, reply attachments, fees, 一事一申请 splits, similar requests, art. 44
- letters: numbering and storing letters, delivery records, agencies' letter templates
- review: 复议 / 诉讼 / 投诉 cases and their results
"""
