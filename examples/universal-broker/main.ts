import { App } from '../../src/constructs/core';
import { UniversalBrokerStack } from './stack';

const app = new App();
new UniversalBrokerStack(app, 'universal-broker');
app.synth();
