/**
 * The department directory (ids and default ports, read without loading any department's code) says what
 * departments.ts registers, in the same order.
 */
import { describe, expect, it } from 'vitest';
import { departmentDirectory } from '../../subgraphs/departmentDirectory.ts';
import { departments } from '../../subgraphs/departments.ts';

describe('the department directory', () => {
  it('lists every registered department with its default port, in start order', () => {
    expect(departmentDirectory()).toEqual(departments.map((d) => ({ id: d.definition.id, defaultPort: d.defaultPort })));
  });
});
