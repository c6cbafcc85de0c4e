import { z } from 'zod'

export const importedDocumentSchema = z.looseObject({ _id: z.string().min(1), _type: z.string().min(1) })
export type ImportedDocument = z.infer<typeof importedDocumentSchema>

export class ImportFormatError extends Error {
  override name = 'ImportFormatError'
}

export function parseNdjson(text: string): ImportedDocument[] {
  const docs: ImportedDocument[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (error) {
      throw new ImportFormatError(`Line ${index + 1} is not valid JSON`, { cause: error })
    }
    const parsed = importedDocumentSchema.safeParse(json)
    if (!parsed.success)
      throw new ImportFormatError(`Line ${index + 1} is not a document with _id and _type`, {
        cause: parsed.error,
      })
    docs.push(parsed.data)
  })
  return docs
}

export function toNdjson(docs: unknown[]): string {
  return docs.map((doc) => JSON.stringify(doc)).join('\n') + (docs.length > 0 ? '\n' : '')
}
