import 'server-only'
import nodemailer from 'nodemailer'

/** Address objects, never "Name <address>" strings: nodemailer encodes the name, so user input cannot add headers. */
export type MailAddress = { name?: string; address: string }

export type MailMessage = {
  from: MailAddress
  to: MailAddress[]
  replyTo?: MailAddress
  subject: string
  text: string
  html: string
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects with MailDeliveryError otherwise. */
  send(message: MailMessage): Promise<void>
  close(): void
}

export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError'
}

const CONNECTION_TIMEOUT_MS = 10_000
// The outbox sends a few messages at once (OUTBOX_CONCURRENCY): reuse that many connections rather than
// opening one per message. A dropped pooled connection is replaced on the next send.
const POOLED_CONNECTIONS = 4

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: POOLED_CONNECTIONS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: CONNECTION_TIMEOUT_MS * 3,
  })
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: message.from,
          to: message.to,
          ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
          subject: message.subject,
          text: message.text,
          html: message.html,
          // Nothing in a notification is an attachment: never let message content make nodemailer read files or URLs.
          disableFileAccess: true,
          disableUrlAccess: true,
        })
      } catch (error) {
        const host = new URL(smtpUrl).host
        throw new MailDeliveryError(`SMTP server ${host} did not accept the message`, { cause: error })
      }
    },
    close() {
      transport.close()
    },
  }
}
