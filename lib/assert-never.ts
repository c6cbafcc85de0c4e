// The `default` of a switch over a union: a compile error when a case is missing, a throw if one slips through at
// run time (data that bypassed its schema). Pure, so the Studio may import it too; the lake keeps its own copy,
// since it imports nothing from lib/.

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
