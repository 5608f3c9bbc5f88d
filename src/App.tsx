import { useEffect, useState } from 'react';
import { parseHash, type Route } from './lib/route';
import { Gallery } from './ui/Gallery';
import { DemoPage } from './ui/DemoPage';
import { demos, findDemo, loadDemo } from './registry';
import { UpdatePrompt } from './ui/OfflineStatus';
import { ReportPage } from './ui/ReportPage';
import { HandoutPage } from './ui/HandoutPage';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

const HANDOUT = /^handout\/(.+)$/;

/** `#/` the gallery, `#/report` the reproducibility report, `#/handout/<slug>` a demo's handout, `#/<slug>` a demo. */
function Page({ route }: { route: Route }) {
  if (!route.slug) return <Gallery demos={demos} />;
  if (route.slug === 'report') return <ReportPage demos={demos} load={loadDemo} only={route.params.only} />;
  const handout = HANDOUT.exec(route.slug);
  const meta = handout ? findDemo(handout[1]) : undefined;
  if (meta?.status === 'ready') return <HandoutPage key={meta.slug} meta={meta} load={loadDemo} />;
  return <DemoPage key={route.slug} route={{ ...route, slug: route.slug }} load={loadDemo} />;
}

export function App() {
  const route = useRoute();
  useEffect(() => {
    document.body.classList.toggle('present', route.present);
  }, [route.present]);
  return (
    <>
      <Page route={route} />
      <UpdatePrompt />
    </>
  );
}
