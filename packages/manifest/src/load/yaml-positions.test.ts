import { LineCounter, parseDocument } from 'yaml';
import { formatPath, locate } from './yaml-positions.js';

const text = ['a:', '  b: 1', '  list:', '    - { x: 1, y: 2 }', '    - z: 3', 'c: [10, 20]', ''].join('\n');
const lineCounter = new LineCounter();
const doc = parseDocument(text, { lineCounter });
const at = (...path: (string | number)[]) => locate(doc, lineCounter, path);

describe('locate', () => {
  it('points at the key of an existing field', () => {
    expect(at('a', 'b')).toEqual({ line: 2, column: 3 });
    expect(at('a', 'list', 0, 'y')).toEqual({ line: 4, column: 15 });
    expect(at('a', 'list', 1, 'z')).toEqual({ line: 5, column: 7 });
  });

  it('points at a list item', () => {
    expect(at('c', 1)).toEqual({ line: 6, column: 9 });
  });

  it('points at the deepest existing parent for a missing field', () => {
    expect(at('a', 'missing')).toEqual({ line: 1, column: 1 });
    expect(at('a', 'list', 7, 'x')).toEqual({ line: 3, column: 3 });
    expect(at('nothing')).toEqual({ line: 1, column: 1 });
  });
});

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['services', 'users', 'containers', 0, 'image'])).toBe('services.users.containers[0].image');
    expect(formatPath([])).toBe('');
  });
});
