export { didYouMean, editDistance } from './did-you-mean.js';
