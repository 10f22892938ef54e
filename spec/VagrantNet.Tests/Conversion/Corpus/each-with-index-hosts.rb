hosts = ["alpha", "beta", "gamma"]

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"
  hosts.each_with_index do |host, index|
    config.vm.define host, autostart: index.zero? do |h|
      h.vm.hostname = "#{host}.local"
      h.vm.network :private_network, ip: "172.28.0.#{index + 10}"
    end
  end
end
