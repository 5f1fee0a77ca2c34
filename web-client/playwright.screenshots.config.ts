import base from './playwright.config';
import { defineConfig } from '@playwright/test';

// `npm run screenshots`: one picture of each screen at 390×844 into ../docs/web-client/.
export default defineConfig({ ...base, testIgnore: undefined, testMatch: /screenshots\.spec\.ts/ });
