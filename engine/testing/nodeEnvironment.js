// Jest's Node environment for engine, simulator and integration tests. The shared jest setup file (create-plugin's)
// patches HTMLCanvasElement, which only jsdom defines; an empty stand-in lets it run unchanged under Node.
const { TestEnvironment } = require('jest-environment-node');

class EcotiNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.HTMLCanvasElement = class HTMLCanvasElement {};
  }
}

module.exports = EcotiNodeEnvironment;
