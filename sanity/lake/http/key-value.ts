import { z } from 'zod'
import type { LakeRuntime } from '../runtime.ts'
import { readJsonBody, type LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'
import { requireUser } from './users.ts'

const pairsSchema = z.array(z.object({ key: z.string().min(1).max(256), value: z.unknown() })).max(100)

/** `GET /users/me/keyvalue/:key[,key…]`: one `{key, value}` per key, `null` when never set. */
export function handleGetKeyValues(request: LakeRequest, keyList: string, lake: LakeRuntime): void {
  const user = requireUser(request)
  const keys = keyList.split(',').filter((key) => key !== '')
  sendJson(request.res, 200, lake.keyValues.get(user.id, keys))
}

/** `PUT|POST /users/me/keyvalue` with `[{key, value}]`; answers with the stored pairs. */
export async function handleSetKeyValues(request: LakeRequest, lake: LakeRuntime): Promise<void> {
  const user = requireUser(request)
  const pairs = pairsSchema.parse(await readJsonBody(request.req))
  await lake.keyValues.set(user.id, pairs)
  sendJson(
    request.res,
    200,
    lake.keyValues.get(
      user.id,
      pairs.map((pair) => pair.key),
    ),
  )
}
