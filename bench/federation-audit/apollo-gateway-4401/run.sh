# Plain @apollo/gateway as the audit runs it (its gateways/apollo-gateway/run.ts), on port 4401 instead of 4000.
npm start supergraph -- --cwd ./gateways/apollo-gateway-4401 --test $1
sed 's/port: 4000/port: 4401/' ../apollo-gateway/run.ts > ./run.ts
npx tsx ./run.ts
