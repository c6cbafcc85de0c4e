export default function HomePage() {
  return (
    <main className="site-main">
      <h1>Lakeside Blog</h1>
      <p>Latest posts appear here once the content lake is connected.</p>
    </main>
  )
}
