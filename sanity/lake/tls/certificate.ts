// Builds X.509 v3 certificates (RFC 5280) for the lake's local certificate authority and its server
// certificate, signed with ECDSA P-256 / SHA-256 through node:crypto. No openssl needed.
import { createHash, type KeyObject, sign } from 'node:crypto'
import { isIPv4, isIPv6 } from 'node:net'
import {
  bitString,
  boolean,
  contextTag,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from './der.ts'

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const

export type CertificateRequest = {
  commonName: string
  publicKey: KeyObject
  /** The signer; a certificate authority signs its own certificate with its own key. */
  issuer: { commonName: string; publicKey: KeyObject; privateKey: KeyObject }
  serialNumber: Buffer
  notBefore: Date
  notAfter: Date
  isCertificateAuthority: boolean
  dnsNames: readonly string[]
  ipAddresses: readonly string[]
}

const ORGANIZATION = 'Lakeside Blog local content lake'

function buildName(commonName: string): Buffer {
  const attribute = (oid: string, value: string): Buffer =>
    set(sequence(objectIdentifier(oid), utf8String(value)))
  return sequence(attribute(OID.organization, ORGANIZATION), attribute(OID.commonName, commonName))
}

function buildExtension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value))
}

// KeyUsage bits (RFC 5280 §4.2.1.3): digitalSignature = bit 0, keyCertSign = bit 5, cRLSign = bit 6.
// DER drops trailing zero bits, so the first content byte says how many bits of the last byte are unused.
const CA_KEY_USAGE = tlv(0x03, Buffer.from([0x01, 0x86]))
const SERVER_KEY_USAGE = tlv(0x03, Buffer.from([0x07, 0x80]))

function ipAddressBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number))
  if (!isIPv6(address)) throw new Error(`not an IP address: ${address}`)
  const [head = '', tail = ''] = address.split('::')
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)))
  const left = groups(head)
  const right = address.includes('::') ? groups(tail) : []
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
  return Buffer.from(all.flatMap((group) => [group >> 8, group & 0xff]))
}

function buildSubjectAltName(dnsNames: readonly string[], ipAddresses: readonly string[]): Buffer {
  return sequence(
    ...dnsNames.map((name) => contextTag(2, Buffer.from(name, 'ascii'), false)),
    ...ipAddresses.map((address) => contextTag(7, ipAddressBytes(address), false)),
  )
}

export function keyIdentifierOf(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest()
}

/** Returns the certificate in DER form. */
export function buildCertificate(request: CertificateRequest): Buffer {
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256))
  const extensions = [
    buildExtension(
      OID.basicConstraints,
      true,
      request.isCertificateAuthority ? sequence(boolean(true), smallInteger(0)) : sequence(),
    ),
    buildExtension(OID.keyUsage, true, request.isCertificateAuthority ? CA_KEY_USAGE : SERVER_KEY_USAGE),
    buildExtension(OID.subjectKeyIdentifier, false, octetString(keyIdentifierOf(request.publicKey))),
    buildExtension(
      OID.authorityKeyIdentifier,
      false,
      sequence(contextTag(0, keyIdentifierOf(request.issuer.publicKey), false)),
    ),
  ]
  if (!request.isCertificateAuthority) {
    extensions.push(
      buildExtension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
      buildExtension(OID.subjectAltName, false, buildSubjectAltName(request.dnsNames, request.ipAddresses)),
    )
  }
  const toBeSigned = sequence(
    contextTag(0, smallInteger(2), true),
    unsignedInteger(request.serialNumber),
    signatureAlgorithm,
    buildName(request.issuer.commonName),
    sequence(time(request.notBefore), time(request.notAfter)),
    buildName(request.commonName),
    request.publicKey.export({ type: 'spki', format: 'der' }),
    contextTag(3, sequence(...extensions), true),
  )
  const signature = sign('sha256', toBeSigned, request.issuer.privateKey)
  return sequence(toBeSigned, signatureAlgorithm, bitString(signature))
}

export function toPem(label: 'CERTIFICATE', der: Buffer): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n')
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`
}
