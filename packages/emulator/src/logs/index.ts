export { archiveTaskLogs, readArchivedLogs, type ArchivedTaskLog } from './archive.js';
export { readServiceLogs, type ReadLogsOptions, type ServiceLogLine } from './read-logs.js';
export { logStreamName, parseSince, SinceFormatError } from './stream-name.js';
