// A local SMTP server that keeps every message it receives, with a web inbox. Used when SMTP_URL is not set.
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { createInboxServer } from './inbox-http.ts'
import { openMessageStore, type MessageStore } from './message-store.ts'

export type MailCatcherOptions = {
  dataDir: string
  /** 0 picks a free port. */
  smtpPort: number
  httpPort: number
  host?: string
}

export type MailCatcher = { smtpUrl: string; inboxUrl: string; store: MessageStore; close(): Promise<void> }

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024

const toAddresses = (value: AddressObject | AddressObject[] | undefined) =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap((group) =>
    group.value.map((entry) => ({ name: entry.name, address: entry.address ?? '' })),
  )

const envelopeAddress = (value: SMTPServerAddress | false): string => (value === false ? '' : value.address)

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1'
  const store = await openMessageStore(join(options.dataDir))

  const smtp = new SMTPServer({
    authOptional: true,
    // Local and plain: no TLS to set up, and no AUTH a client could be tempted to send a real password to.
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', callback)
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }))
          return
        }
        const raw = Buffer.concat(chunks)
        simpleParser(raw, { skipTextToHtml: true })
          .then((parsed) =>
            store.add(
              {
                envelope: {
                  from: envelopeAddress(session.envelope.mailFrom),
                  to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                },
                messageId: parsed.messageId ?? null,
                subject: parsed.subject ?? '',
                from: toAddresses(parsed.from),
                to: toAddresses(parsed.to),
                replyTo: toAddresses(parsed.replyTo),
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : null,
                headerLines: parsed.headerLines.map((header) => header.line),
              },
              raw,
            ),
          )
          .then(() => callback(), callback)
      })
    },
  })
  smtp.on('error', (error) => process.stderr.write(`mail catcher SMTP: ${error.message}\n`))
  const inbox = createInboxServer(store)

  const smtpPort = await new Promise<number>((resolve, reject) => {
    smtp.server.once('error', reject)
    smtp.listen(options.smtpPort, host, () => resolve(portOf(smtp.server.address())))
  })
  const httpPort = await new Promise<number>((resolve, reject) => {
    inbox.once('error', reject)
    inbox.listen(options.httpPort, host, () => resolve(portOf(inbox.address())))
  }).catch(async (error: unknown) => {
    await new Promise<void>((resolve) => smtp.close(resolve))
    throw error
  })

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    inboxUrl: `http://${host}:${httpPort}/`,
    store,
    async close() {
      inbox.closeAllConnections()
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(resolve)),
        new Promise<void>((resolve) => inbox.close(() => resolve())),
      ])
    },
  }
}

function portOf(address: string | AddressInfo | null): number {
  if (address === null || typeof address === 'string')
    throw new Error('The server is not listening on a TCP port')
  return address.port
}
