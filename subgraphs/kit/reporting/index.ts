/** What each department request served: collected while it runs, sealed into a report, appended to the department's access log. */
export { accessEntry, type AccessFacts } from './accessEntry.ts';
export { openAccessLog, accessLogFile, type AccessLog, type AccessLogOptions } from './accessLog.ts';
export { createServedCollector, type ServedCollector, type ServedLists } from './servedCollector.ts';
export { subjectRecording } from './subjectRecording.ts';
export { useServedReport, type ReportingContext, type ServedReportOptions } from './useServedReport.ts';
