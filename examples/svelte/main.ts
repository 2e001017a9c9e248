import { mount } from 'svelte';
import 'corbado-append/svelte'; // defines <corbado-append> and types it in Svelte templates
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
