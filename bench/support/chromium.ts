// Debian's Chromium with the flags the end-to-end tests use, headless, for every browser benchmark.
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM } from '../../tests/support/chromium.ts'

export const CHROMIUM_PATH = DEBIAN_CHROMIUM

export const CHROMIUM_FLAGS = ['--headless', ...CHROMIUM_ARGS] as const
