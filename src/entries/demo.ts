/**
 * The standalone demo: the dashboard on generated data, served by the msw worker, with no server. `?locale=de_DE`,
 * `?locale=ar`, `?timezone=America/Los_Angeles` and `?scheme=dark` try it out in other settings.
 */
import { createReportsApp } from '../app/createReportsApp';
import type { ColorMode } from '../app/options';
import { loadTranslations } from '../i18n/locales';
import { startMockWorker } from '../mocks/browser';
import '../styles/index.css';

const REST_URL = '/wp-json/fluent-booking/v2/';

async function start(): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  const locale = query.get('locale') ?? document.documentElement.lang ?? 'en';
  const timezone = query.get('timezone') ?? 'Europe/Berlin';
  const scheme = query.get('scheme');
  await startMockWorker({
    restUrl: REST_URL,
    settings: { timezone, startOfWeek: 1 },
    latencyMs: 300,
    serviceWorkerUrl: `${import.meta.env.BASE_URL}mockServiceWorker.js`,
  });
  const instance = createReportsApp(
    {
      restUrl: REST_URL,
      timezone,
      locale,
      translations: await loadTranslations(locale),
      startOfWeek: 1,
      colorScheme: scheme === 'dark' || scheme === 'light' ? (scheme as ColorMode) : 'auto',
    },
    { persistence: 'url' },
  );
  document.documentElement.lang = instance.i18n.locale;
  document.documentElement.dir = instance.i18n.dir;
  const { __ } = instance.i18n;
  void instance.open();
  instance.app.mount('#app');
  document.getElementById('demo-note')!.textContent = __(
    'Demo: every booking here is generated in your browser. Nothing is sent to a server.',
  );
}

void start();
