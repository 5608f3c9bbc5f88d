import { useEffect, useState } from 'react';
import { parseHash, type Route } from './lib/route';
import { Gallery } from './ui/Gallery';
import { DemoPage } from './ui/DemoPage';
import { demos, loadDemo } from './registry';
import { UpdatePrompt } from './ui/OfflineStatus';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  useEffect(() => {
    document.body.classList.toggle('present', route.present);
  }, [route.present]);
  return (
    <>
      {route.slug ? <DemoPage key={route.slug} route={{ ...route, slug: route.slug }} load={loadDemo} /> : <Gallery demos={demos} />}
      <UpdatePrompt />
    </>
  );
}
