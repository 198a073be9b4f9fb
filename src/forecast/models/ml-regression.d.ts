/** The slice of ml-regression (no bundled types) that the trend + season regression uses. */
declare module 'ml-regression' {
  export class MultivariateLinearRegression {
    constructor(x: number[][], y: number[][], options?: { intercept?: boolean; statistics?: boolean })
    predict(x: number[][]): number[][]
  }
  const mlRegression: { MultivariateLinearRegression: typeof MultivariateLinearRegression }
  export default mlRegression
}
