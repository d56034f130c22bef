/**
 * How deeply a parsed JSON value nests, measured without recursion: a request's variables are walked recursively
 * by GraphQL's coercion and by the gateway's own checks, so a body of `[[[[…]]]]` 100,000 deep (under the 1 MiB body
 * limit) would overflow the stack there. Refused here, at the door, with a 400.
 */

/** Whether `value` nests arrays and objects more than `max` levels deep (a scalar is depth 0). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
