import type { LakeIncoming, LakeOutgoing } from './request.ts'
import type { LakeRuntime } from '../runtime.ts'
import { handleActions } from './actions.ts'
import { handleAssetUpload } from './assets.ts'
import { handleGetDocuments } from './doc.ts'
import { buildGatewayError, sendError } from './errors.ts'
import { handleServeAsset } from './images.ts'
import { handleDocumentEvents, handleHistoryDocuments, handleHistoryTransactions } from './history.ts'
import { handleListen } from './listen.ts'
import { handleMutate } from './mutate.ts'
import { findProjectRoute } from './project-router.ts'
import { handleQuery } from './query.ts'
import { handleReferences } from './references.ts'
import { parseRequestUrl, parseVersionedPath, type LakeRequest } from './request.ts'
import { sendJson, sendPreflight, setCorsHeaders } from './respond.ts'
import { isStudioPath, serveStudioFile } from './studio-files.ts'

const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

/**
 * The request handler for node:http (and later node:http2's compatibility API).
 * Routing only: each endpoint family lives in its own module.
 */
export function createRequestHandler(lake: LakeRuntime): (req: LakeIncoming, res: LakeOutgoing) => void {
  return (req, res) => {
    handleRequest(req, res, lake).catch((error: unknown) => sendError(res, error))
  }
}

async function handleRequest(req: LakeIncoming, res: LakeOutgoing, lake: LakeRuntime): Promise<void> {
  const method = req.method ?? 'GET'
  if (method === 'OPTIONS') return sendPreflight(req, res)
  setCorsHeaders(req, res)
  const url = parseRequestUrl(req.url)
  if (url === null) throw badRequest()
  if (lake.studioDir !== null && (method === 'GET' || method === 'HEAD') && isStudioPath(url.pathname))
    return serveStudioFile(req, res, lake.studioDir, url.pathname)
  const path = parseVersionedPath(url.pathname)
  if (path === null) throw badRequest()
  const { apiVersion, segments } = path
  const authentication = await lake.tokens.authenticate(req.headers.authorization)
  if (!authentication.ok) throw buildGatewayError(401, 'Unauthorized', 'Session not found')
  const request: LakeRequest = { req, res, method, url, apiVersion, segments, caller: authentication.caller }
  const [area, family, dataset, ...rest] = segments

  if (
    apiVersion === null &&
    (area === 'images' || area === 'files') &&
    segments.length === 4 &&
    method === 'GET'
  ) {
    return handleServeAsset(request, area, lake)
  }
  if (apiVersion === null) throw notFound()
  if (area === 'ping') return sendJson(res, 200, { message: 'PONG' })
  const projectRoute = findProjectRoute(request, lake)
  if (projectRoute) return projectRoute()
  if (dataset === undefined || !DATASET_NAME.test(dataset)) throw notFound()

  if (area === 'data') {
    if (family === 'query' && (method === 'GET' || method === 'POST') && rest.length === 0)
      return handleQuery(request, dataset, lake)
    if (family === 'mutate' && method === 'POST' && rest.length === 0)
      return handleMutate(request, dataset, lake)
    if (family === 'doc' && method === 'GET' && rest.length === 1 && rest[0] !== undefined)
      return handleGetDocuments(request, dataset, rest[0], lake)
    if (family === 'listen' && method === 'GET' && rest.length === 0)
      return handleListen(request, dataset, lake)
    if (family === 'actions' && method === 'POST' && rest.length === 0)
      return handleActions(request, dataset, lake)
    if (family === 'history' && method === 'GET') {
      const [kind, second, third] = rest
      if (kind === 'transactions' && second !== undefined && rest.length === 2)
        return handleHistoryTransactions(request, dataset, second, lake)
      if (kind === 'documents' && second !== undefined && rest.length === 2)
        return handleHistoryDocuments(request, dataset, second, lake)
      if (kind === 'events' && second === 'documents' && third !== undefined && rest.length === 3)
        return handleDocumentEvents(request, dataset, third, lake)
    }
    if (family === 'references' && method === 'GET') {
      const [first, second, third] = rest
      if (rest.length === 3 && first === 'documents' && second !== undefined && third === 'to')
        return handleReferences(request, dataset, second, lake)
      if (rest.length === 1 && first !== undefined) return handleReferences(request, dataset, first, lake)
    }
  }
  if (
    area === 'assets' &&
    (family === 'images' || family === 'files') &&
    method === 'POST' &&
    rest.length === 0
  ) {
    return handleAssetUpload(request, family === 'images' ? 'image' : 'file', dataset, lake)
  }
  throw notFound()
}

function badRequest(): Error {
  return buildGatewayError(400, 'Bad Request', 'Malformed request path')
}

function notFound(): Error {
  return buildGatewayError(404, 'Not Found', 'Not found')
}
