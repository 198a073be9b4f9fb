# SalesMatrix service image. The app runs its TypeScript sources through tsx (no build step).
FROM node:20-bookworm-slim

WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so source edits don't invalidate this layer.
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .

ENV HOST=0.0.0.0 \
    PORT=3000
EXPOSE 3000

CMD ["node", "bin/salesmatrix.js", "serve"]
