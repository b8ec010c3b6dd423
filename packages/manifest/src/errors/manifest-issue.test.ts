import { formatIssue, sortIssues, type ManifestIssue } from './manifest-issue.js';

const issue = (line: number, column: number, path: string, severity: ManifestIssue['severity'] = 'error'): ManifestIssue => ({
  file: 'stack.yaml', line, column, path, message: 'bad', severity,
});

describe('formatIssue', () => {
  it('prints file:line:column path: message, tagging warnings', () => {
    expect(formatIssue(issue(14, 7, 'services.users.taskDefinition.memory'))).toBe('stack.yaml:14:7 services.users.taskDefinition.memory: bad');
    expect(formatIssue(issue(3, 1, 'x', 'warning'))).toBe('stack.yaml:3:1 warning: x: bad');
    expect(formatIssue(issue(1, 1, ''))).toBe('stack.yaml:1:1 bad');
  });

  it('sorts by position so users fix top to bottom', () => {
    expect(sortIssues([issue(9, 1, 'c'), issue(2, 5, 'b'), issue(2, 3, 'a')]).map((i) => i.path)).toEqual(['a', 'b', 'c']);
  });
});
