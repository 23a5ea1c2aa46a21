import { render } from 'preact';

render(<p>Lượt</p>, document.getElementById('app') as HTMLElement);
