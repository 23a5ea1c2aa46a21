/** The officer console's entry, at `/officer/` (docs/officer-guide.md). */
import { render } from 'preact';
import '../web/fonts.css';
import '../web/base.css';
import './styles.css';
import { App } from './App.js';

render(<App />, document.getElementById('app') as HTMLElement);
