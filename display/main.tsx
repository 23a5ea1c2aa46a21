/**
 * The display app's entry: the hall display at `/display/`, a counter's screen at
 * `/display/counter/<counterId>`; settings from the address (params.ts, docs/display.md).
 */
import { render } from 'preact';
import '../web/fonts.css';
import '../web/base.css';
import './styles.css';
import { App } from './App.js';
import { parseParams, parseRoute } from './params.js';

const route = parseRoute(location.pathname, location.search);
const params = parseParams(location.search);

// Overscan: a margin on every side, and the type scale (1rem = 1 % of the height) shrunk to match.
const root = document.documentElement;
root.style.setProperty('--overscan', String(params.overscan));
root.style.setProperty('--safe', String(1 - (2 * params.overscan) / 100));
root.classList.add(route.kind === 'counter' ? 'mode-counter' : 'mode-hall');

render(<App route={route} params={params} />, document.getElementById('app') as HTMLElement);
