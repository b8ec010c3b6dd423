export { deployLocal, planLocal, runningImages, runCommand, type LocalDeployStep, type RunCommand } from './emulator-deploy.js';
