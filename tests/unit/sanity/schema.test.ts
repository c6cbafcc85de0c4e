import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { schemaTypes } from '@/sanity/schemaTypes/index'

type FieldList = { name: string; type?: string; fields?: FieldList[] }

const typeByName = new Map(schemaTypes.map((type) => [type.name, type]))
const fieldsOf = (name: string): string[] => {
  const type = typeByName.get(name)
  return type !== undefined && 'fields' in type && Array.isArray(type.fields)
    ? (type.fields as FieldList[]).map((field) => field.name)
    : []
}

describe('schema', () => {
  it('defines the document types the site and the comments feature rely on', () => {
    for (const name of ['post', 'author', 'category', 'comment', 'siteSettings']) {
      expect(typeByName.get(name)?.type).toBe('document')
    }
  })

  it('gives the comment every field moderation needs', () => {
    expect(fieldsOf('comment')).toEqual(
      expect.arrayContaining([
        'post',
        'parent',
        'name',
        'email',
        'website',
        'body',
        'status',
        'createdAt',
        'ipHash',
        'userAgent',
        'checksFired',
        'auditTrail',
      ]),
    )
  })

  it('declares every top-level field the demo content uses', () => {
    const path = fileURLToPath(new URL('../../../sanity/demo/data.ndjson', import.meta.url))
    const documents = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => z.looseObject({ _type: z.string() }).parse(JSON.parse(line)))
    for (const document of documents) {
      const undeclared = Object.keys(document).filter(
        (key) => !key.startsWith('_') && !fieldsOf(document._type).includes(key),
      )
      expect(undeclared, document._type).toEqual([])
    }
  })
})
