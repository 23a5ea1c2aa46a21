import { render } from 'preact';
import '../web/fonts.css';
import '../web/base.css';
import './styles.css';
import { App } from './App.js';

// A kiosk is touched, not clicked: no long-press menu over the tiles.
document.addEventListener('contextmenu', (e) => e.preventDefault());

render(<App />, document.getElementById('app') as HTMLElement);
