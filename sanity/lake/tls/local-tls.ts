// The lake's local certificate authority and server certificate, made on first start and kept in the
// data folder so that a browser trusts them once (import ca.crt, or accept the certificate) and keeps doing so.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildCertificate, toPem } from './certificate.ts'

export type LocalTls = {
  /** PEM of the server certificate followed by nothing else: browsers get the chain from their trust store. */
  cert: string
  key: string
  /** PEM of the certificate authority, for browsers' and Node's trust stores (NODE_EXTRA_CA_CERTS). */
  ca: string
  caFile: string
}

const CA_NAME = 'Lakeside Blog local CA'
const DAY_MS = 86_400_000
const CA_LIFETIME_DAYS = 3650
// Chrome and Safari reject server certificates valid for more than 398 days.
const SERVER_LIFETIME_DAYS = 397
const RENEW_BEFORE_DAYS = 30

type KeyPair = { privateKey: KeyObject; publicKey: KeyObject }

function newKeyPair(): KeyPair {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
}

function writePrivate(file: string, key: KeyObject): void {
  writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 })
}

function readKeyPair(file: string): KeyPair {
  const privateKey = createPrivateKey(readFileSync(file))
  return { privateKey, publicKey: createPublicKey(privateKey) }
}

function loadOrCreateAuthority(dir: string, now: Date): { keys: KeyPair; pem: string } {
  const keyFile = join(dir, 'ca.key')
  const certFile = join(dir, 'ca.crt')
  if (existsSync(keyFile) && existsSync(certFile)) {
    const pem = readFileSync(certFile, 'utf8')
    if (new Date(new X509Certificate(pem).validTo).getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS) {
      return { keys: readKeyPair(keyFile), pem }
    }
  }
  const keys = newKeyPair()
  const der = buildCertificate({
    commonName: CA_NAME,
    publicKey: keys.publicKey,
    issuer: { commonName: CA_NAME, ...keys },
    serialNumber: randomBytes(16),
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_LIFETIME_DAYS * DAY_MS),
    isCertificateAuthority: true,
    dnsNames: [],
    ipAddresses: [],
  })
  const pem = toPem('CERTIFICATE', der)
  writePrivate(keyFile, keys.privateKey)
  writeFileSync(certFile, pem)
  return { keys, pem }
}

function isServerCertificateUsable(
  pem: string,
  caPem: string,
  hostnames: readonly string[],
  now: Date,
): boolean {
  const certificate = new X509Certificate(pem)
  const authority = new X509Certificate(caPem)
  return (
    certificate.verify(authority.publicKey) &&
    new Date(certificate.validTo).getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS &&
    hostnames.every((host) => certificate.checkHost(host) !== undefined)
  )
}

/**
 * Returns the certificate material for `hostnames` (DNS names; `127.0.0.1` and `::1` are always included),
 * re-issuing the server certificate when it is missing, close to expiry, or lacks one of the names.
 */
export function loadOrCreateLocalTls(dir: string, hostnames: readonly string[], now = new Date()): LocalTls {
  mkdirSync(dir, { recursive: true })
  const authority = loadOrCreateAuthority(dir, now)
  const keyFile = join(dir, 'server.key')
  const certFile = join(dir, 'server.crt')
  const caFile = join(dir, 'ca.crt')
  if (existsSync(keyFile) && existsSync(certFile)) {
    const cert = readFileSync(certFile, 'utf8')
    if (isServerCertificateUsable(cert, authority.pem, hostnames, now)) {
      return { cert, key: readFileSync(keyFile, 'utf8'), ca: authority.pem, caFile }
    }
  }
  const keys = newKeyPair()
  const der = buildCertificate({
    commonName: hostnames[0] ?? 'localhost',
    publicKey: keys.publicKey,
    issuer: { commonName: CA_NAME, ...authority.keys },
    serialNumber: randomBytes(16),
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + SERVER_LIFETIME_DAYS * DAY_MS),
    isCertificateAuthority: false,
    dnsNames: hostnames,
    ipAddresses: ['127.0.0.1', '::1'],
  })
  const cert = toPem('CERTIFICATE', der)
  writePrivate(keyFile, keys.privateKey)
  writeFileSync(certFile, cert)
  return { cert, key: readFileSync(keyFile, 'utf8'), ca: authority.pem, caFile }
}
