import { render } from 'preact';
import { App } from './App';
import { scheduleRefresh } from './api';
import { session } from './session';
import { startInbox } from './notifications';
import './styles.css';

session.subscribe(scheduleRefresh);
startInbox();
scheduleRefresh();
render(<App />, document.getElementById('app')!);
