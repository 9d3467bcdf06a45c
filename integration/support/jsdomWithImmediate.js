// jsdom, for code that needs a window (the plugin's data source), with the Node timer the engine yields to the
// event loop with (setImmediate), which jsdom leaves out; packages resolve as in Node (the engine reads YAML).
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithImmediate extends TestEnvironment {
  constructor(config, context) {
    const projectConfig = {
      ...config.projectConfig,
      testEnvironmentOptions: {
        ...config.projectConfig.testEnvironmentOptions,
        customExportConditions: ['node', 'node-addons'],
      },
    };
    super({ ...config, projectConfig }, context);
    this.global.setImmediate = setImmediate;
    this.global.clearImmediate = clearImmediate;
  }
}

module.exports = JsdomWithImmediate;
