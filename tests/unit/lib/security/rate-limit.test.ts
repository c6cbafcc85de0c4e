import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { describeRateLimiterContract } from '../../../support/contracts/rate-limiter.contract'

describeRateLimiterContract('memory', async () => createMemoryRateLimiter())
