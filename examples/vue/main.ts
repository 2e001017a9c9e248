import { createApp } from 'vue';
import 'corbado-append'; // defines <corbado-append>
import App from './App.vue';

createApp(App).mount('#app');
